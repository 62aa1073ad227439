import { Button } from '@mui/material';
import { useState } from 'react';
import {
  Datagrid,
  DateField,
  DeleteButton,
  FunctionField,
  List,
  TextField,
  TopToolbar,
  useCreate,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { RaRecord } from 'react-admin';

import { ActionButton } from '../layout/action-button';
import { recordAction } from '../providers/data-provider';
import { SecretDialog } from '../layout/secret-dialog';
import type { IssuedSecret as IssuedKey } from '../layout/secret-dialog';

function NewKeyButton({ onIssued }: { onIssued: (key: IssuedKey) => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const [create, { isPending }] = useCreate();
  const issue = () =>
    create(
      'api-keys',
      { data: {} },
      {
        onSuccess: (key) => onIssued(key as unknown as IssuedKey),
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );
  return (
    <Button onClick={issue} disabled={isPending}>
      {translate('confab.keys.create')}
    </Button>
  );
}

const overlap = [
  {
    name: 'overlapHours',
    label: 'confab.keys.overlapHours',
    type: 'number' as const,
    initial: '24',
  },
];

/** API keys: a new or rotated key's secret shows once, in a dialog; revoking holds at once. */
export function ApiKeyList() {
  const refresh = useRefresh();
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const shown = (key: IssuedKey) => {
    setIssued(key);
    refresh();
  };
  const rotate = (key: RaRecord) => async (values: Record<string, string>) => {
    const made = await recordAction('api-keys', key.id, 'rotate', {
      overlapHours: Number(values.overlapHours),
    });
    setIssued(made as unknown as IssuedKey);
  };

  return (
    <>
      <List
        actions={
          <TopToolbar>
            <NewKeyButton onIssued={shown} />
          </TopToolbar>
        }
        sort={{ field: 'createdAt', order: 'DESC' }}
        exporter={false}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <TextField source="id" label="Key id" />
          <TextField source="status" />
          <DateField source="createdAt" showTime />
          <DateField source="lastUsedAt" showTime emptyText="never" />
          <DateField source="expiresAt" showTime emptyText="—" />
          <FunctionField
            label=""
            render={(key) =>
              key.status === 'active' ? (
                <>
                  <ActionButton label="confab.keys.rotate" fields={overlap} run={rotate(key)} />
                  <DeleteButton
                    label="confab.keys.revoke"
                    mutationMode="pessimistic"
                    redirect={false}
                    confirmTitle="confab.keys.revoke"
                  />
                </>
              ) : null
            }
          />
        </Datagrid>
      </List>
      <SecretDialog
        title="resources.api-keys.name"
        issued={issued}
        onClose={() => setIssued(null)}
      />
    </>
  );
}
