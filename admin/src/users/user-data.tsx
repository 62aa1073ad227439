import { Stack, Typography } from '@mui/material';
import { useCanAccess, useRecordContext, useRedirect, useTranslate } from 'react-admin';

import { ActionButton } from '../layout/action-button';
import { recordAction } from '../providers/data-provider';

/** Typing the user id confirms an erase: it cannot be undone. */
const confirmErase = [{ name: 'confirm', label: 'confab.data.typeId' }];

/** Export of a user's data, and its erase, each run as a job; the requests page follows them. */
export function UserData() {
  const user = useRecordContext();
  const translate = useTranslate();
  const redirect = useRedirect();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'data' });
  if (!user || !canAccess) return null;

  const start = (kind: 'export' | 'erase') => async (values: Record<string, string>) => {
    if (kind === 'erase' && values.confirm !== String(user.id)) {
      throw new Error(translate('confab.data.mismatch'));
    }
    await recordAction('users', user.id, kind);
    redirect('list', 'data-requests');
  };

  return (
    <Stack spacing={1} sx={{ mt: 2 }}>
      <Typography variant="subtitle2">{translate('confab.data.title')}</Typography>
      <Stack direction="row" spacing={1}>
        <ActionButton label="confab.data.export" run={start('export')} testId="export" />
        <ActionButton
          label="confab.data.erase"
          fields={confirmErase}
          run={start('erase')}
          color="error"
          testId="erase"
        />
      </Stack>
    </Stack>
  );
}
