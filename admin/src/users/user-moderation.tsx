import { Stack, Typography } from '@mui/material';
import { useCanAccess, useRecordContext, useTranslate } from 'react-admin';

import { ActionButton } from '../layout/action-button';
import { recordAction } from '../providers/data-provider';

const reason = [{ name: 'reason', label: 'confab.users.reason' }];
const minutes = [
  { name: 'minutes', label: 'confab.users.minutes', type: 'number' as const, initial: '60' },
];

/**
 * Ban, mute, force logout and (for managers) deactivate. Each goes to the api, which checks
 * the role again; the buttons only spare a role the refusal.
 */
export function UserModeration() {
  const user = useRecordContext();
  const translate = useTranslate();
  const moderate = useCanAccess({ resource: 'users', action: 'moderate' });
  const manage = useCanAccess({ resource: 'users', action: 'edit' });
  if (!user || (!moderate.canAccess && !manage.canAccess)) return null;

  const act = (action: string) => (values: Record<string, string>) =>
    recordAction('users', user.id, action, {
      ...(values.reason !== undefined ? { reason: values.reason } : {}),
      ...(values.minutes !== undefined ? { minutes: Number(values.minutes) } : {}),
    });

  return (
    <Stack spacing={1} sx={{ mt: 2 }}>
      <Typography variant="subtitle2">{translate('confab.users.moderation')}</Typography>
      <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
        {moderate.canAccess && (
          <>
            {user.banned ? (
              <ActionButton
                key="unban"
                label="confab.users.unban"
                fields={reason}
                run={act('unban')}
              />
            ) : (
              <ActionButton
                key="ban"
                label="confab.users.ban"
                fields={reason}
                run={act('ban')}
                color="error"
                testId="ban"
              />
            )}
            {user.mutedUntil ? (
              <ActionButton key="unmute" label="confab.users.unmute" run={act('unmute')} />
            ) : (
              <ActionButton
                key="mute"
                label="confab.users.mute"
                fields={minutes}
                run={act('mute')}
                color="warning"
              />
            )}
            <ActionButton label="confab.users.logout" run={act('logout')} color="warning" />
          </>
        )}
        {manage.canAccess &&
          (user.deactivated ? (
            <ActionButton label="confab.users.reactivate" run={act('reactivate')} />
          ) : (
            <ActionButton label="confab.users.deactivate" run={act('deactivate')} color="error" />
          ))}
      </Stack>
    </Stack>
  );
}
