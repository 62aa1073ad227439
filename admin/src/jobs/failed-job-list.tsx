import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  NumberField,
  SelectInput,
  TextField,
  useCanAccess,
} from 'react-admin';
import type { RaRecord } from 'react-admin';

import { ActionButton } from '../layout/action-button';
import { recordAction } from '../providers/data-provider';

const filters = [
  <SelectInput
    key="queue"
    source="queue"
    choices={['notifications', 'webhooks', 'maintenance'].map((id) => ({ id, name: id }))}
    alwaysOn
  />,
];

const retry = (job: RaRecord) => () => recordAction('failed-jobs', job.id, 'retry');

/** Background jobs that used up their attempts, with why, and a retry for each. */
export function FailedJobList() {
  const { canAccess } = useCanAccess({ resource: 'failed-jobs', action: 'retry' });
  return (
    <List sort={{ field: 'failedAt', order: 'DESC' }} exporter={false} filters={filters}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateField source="failedAt" showTime />
        <TextField source="queue" />
        <TextField source="name" />
        <NumberField source="attemptsMade" />
        <TextField source="failedReason" />
        <FunctionField
          label=""
          render={(job) =>
            canAccess ? (
              <ActionButton label="confab.jobs.retry" run={retry(job)} testId="retry" />
            ) : null
          }
        />
      </Datagrid>
    </List>
  );
}
