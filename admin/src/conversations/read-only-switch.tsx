import { Alert, Button, Stack } from '@mui/material';
import {
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
  useUpdate,
} from 'react-admin';

/** Turns posting off for members (staff can still post), or back on. */
export function ReadOnlySwitch() {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [update, { isPending }] = useUpdate();
  const { canAccess } = useCanAccess({ resource: 'conversations', action: 'edit' });
  if (!record) return null;

  const flip = () =>
    update(
      'conversations',
      { id: record.id, data: { readOnly: !record.readOnly }, previousData: record },
      {
        mutationMode: 'pessimistic',
        onSuccess: () => refresh(),
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );

  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      {record.readOnly && (
        <Alert severity="info">{translate('confab.conversations.readOnlyHelp')}</Alert>
      )}
      {canAccess && (
        <Button variant="outlined" onClick={flip} disabled={isPending} data-testid="read-only">
          {record.readOnly ? 'Allow members to post' : 'Make read-only'}
        </Button>
      )}
    </Stack>
  );
}
