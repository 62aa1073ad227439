import { useState } from 'react';
import {
  BooleanField,
  Datagrid,
  DateField,
  DeleteButton,
  EditButton,
  FunctionField,
  NumberField,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import type { RaRecord } from 'react-admin';

import { ActionButton } from '../layout/action-button';
import { SecretDialog } from '../layout/secret-dialog';
import type { IssuedSecret } from '../layout/secret-dialog';
import { recordAction } from '../providers/data-provider';

function RotateButton({ onIssued }: { onIssued: (issued: IssuedSecret) => void }) {
  const hook = useRecordContext();
  if (!hook) return null;
  const rotate = async () => onIssued((await recordAction('webhooks', hook.id, 'rotate')) as never);
  return <ActionButton label="confab.webhooks.rotate" run={rotate} color="warning" />;
}

const redeliver = (delivery: RaRecord) => () =>
  recordAction('deliveries', delivery.id, 'redeliver');

/** One endpoint, and its delivery log: each attempt's outcome, with redelivery. */
export function WebhookShow() {
  const [issued, setIssued] = useState<IssuedSecret | null>(null);
  const actions = (
    <TopToolbar>
      <RotateButton onIssued={setIssued} />
      <EditButton />
      <DeleteButton mutationMode="pessimistic" />
    </TopToolbar>
  );
  return (
    <>
      <Show actions={actions}>
        <SimpleShowLayout>
          <TextField source="id" />
          <TextField source="url" />
          <TextField source="events" />
          <TextField source="description" emptyText="—" />
          <BooleanField source="active" looseValue />
          <DateField source="createdAt" showTime />
          <ReferenceManyField
            label="confab.webhooks.deliveries"
            reference="deliveries"
            target="webhookId"
            sort={{ field: 'createdAt', order: 'DESC' }}
            perPage={25}
          >
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <DateField source="createdAt" showTime />
              <TextField source="eventType" />
              <TextField source="eventId" />
              <TextField source="status" />
              <NumberField source="attempts" />
              <TextField source="lastStatusCode" emptyText="—" />
              <TextField source="lastError" emptyText="—" />
              <FunctionField
                label=""
                render={(delivery) =>
                  delivery.status === 'pending' ? null : (
                    <ActionButton label="confab.webhooks.redeliver" run={redeliver(delivery)} />
                  )
                }
              />
            </Datagrid>
          </ReferenceManyField>
        </SimpleShowLayout>
      </Show>
      <SecretDialog
        title="resources.webhooks.name"
        idLabel="confab.webhooks.id"
        issued={issued}
        onClose={() => setIssued(null)}
      />
    </>
  );
}
