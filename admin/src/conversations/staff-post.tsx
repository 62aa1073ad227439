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

/** Posts into the conversation as staff; accepted even while it is read-only for members. */
export function StaffPost() {
  const conversation = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [create, { isPending }] = useCreate();
  const [text, setText] = useState('');
  const { canAccess } = useCanAccess({ resource: 'messages', action: 'create' });
  if (!conversation || !canAccess) return null;

  const post = () =>
    create(
      'messages',
      { data: { conversationId: conversation.id, text } },
      {
        onSuccess: () => {
          setText('');
          notify('confab.conversations.posted', { type: 'success' });
          refresh();
        },
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );

  return (
    <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
      <TextField
        size="small"
        label={translate('confab.conversations.post')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        sx={{ flex: 1 }}
        multiline
      />
      <Button onClick={post} disabled={isPending || text.trim() === ''}>
        {translate('confab.conversations.post')}
      </Button>
    </Stack>
  );
}
