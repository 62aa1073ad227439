import { Button, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import {
  useCanAccess,
  useCreate,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';

/** Adds a user to the group by their id. */
export function AddMember() {
  const conversation = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [create, { isPending }] = useCreate();
  const [userId, setUserId] = useState('');
  const { canAccess } = useCanAccess({ resource: 'members', action: 'create' });
  if (!conversation || conversation.type !== 'group' || !canAccess) return null;

  const add = () =>
    create(
      'members',
      { data: { conversationId: conversation.id, userId: userId.trim() } },
      {
        onSuccess: () => {
          setUserId('');
          refresh();
        },
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );

  return (
    <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
      <TextField
        size="small"
        label="User id"
        value={userId}
        onChange={(e) => setUserId(e.target.value)}
      />
      <Button onClick={add} disabled={isPending || userId.trim() === ''}>
        {translate('confab.conversations.addMember')}
      </Button>
    </Stack>
  );
}
