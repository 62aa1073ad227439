import { Datagrid, DateField, FunctionField, List, TextField, TextInput } from 'react-admin';
import type { RaRecord } from 'react-admin';

const filters = [
  <TextInput key="action" source="action" alwaysOn />,
  <TextInput key="targetId" source="targetId" />,
];

/** Before and after, as JSON text. */
const summary = (record: RaRecord) =>
  `${JSON.stringify(record.before ?? null)} → ${JSON.stringify(record.after ?? null)}`;

export function AuditList() {
  return (
    <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateField source="createdAt" showTime label="Time" />
        <TextField source="actorEmail" label="Actor" />
        <TextField source="action" />
        <TextField source="targetType" label="Target" />
        <TextField source="targetId" label="Target id" />
        <FunctionField label="Before → after" render={summary} />
      </Datagrid>
    </List>
  );
}
