import { BooleanField, Datagrid, DateField, List, TextField } from 'react-admin';

/** The tenant's endpoints; a row opens its delivery log. */
export function WebhookList() {
  return (
    <List sort={{ field: 'createdAt', order: 'DESC' }} exporter={false}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="url" />
        <TextField source="events" />
        <TextField source="description" emptyText="—" />
        <BooleanField source="active" looseValue />
        <DateField source="createdAt" showTime />
      </Datagrid>
    </List>
  );
}
