import { Stack } from '@mui/material';
import { useCanAccess, useRecordContext } from 'react-admin';

import { ActionButton } from '../layout/action-button';
import { recordAction } from '../providers/data-provider';

/** The three ways out of the queue; each closes every open flag on the same message. */
export function FlagActions() {
  const flag = useRecordContext();
  const { canAccess } = useCanAccess({ resource: 'flags', action: 'resolve' });
  if (!flag || flag.status !== 'open' || !canAccess) return null;

  const resolve = (action: string) => (values: Record<string, string>) =>
    recordAction('flags', flag.id, 'resolve', {
      action,
      ...(values.reason ? { reason: values.reason } : {}),
    });

  return (
    <Stack spacing={0} sx={{ alignItems: 'flex-start' }}>
      <ActionButton label="confab.flags.dismiss" run={resolve('dismiss')} />
      <ActionButton label="confab.flags.delete" run={resolve('delete')} color="warning" />
      <ActionButton
        label="confab.flags.ban"
        fields={[{ name: 'reason', label: 'confab.users.reason' }]}
        run={resolve('ban')}
        color="error"
      />
    </Stack>
  );
}
