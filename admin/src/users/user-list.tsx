import {
  BooleanField,
  CreateButton,
  Datagrid,
  DateField,
  List,
  NullableBooleanInput,
  SearchInput,
  TextField,
  TopToolbar,
} from 'react-admin';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <NullableBooleanInput key="banned" source="banned" />,
  <NullableBooleanInput key="muted" source="muted" label="Muted" />,
  <NullableBooleanInput key="deactivated" source="deactivated" />,
];

const actions = (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

export function UserList() {
  return (
    <List filters={filters} actions={actions} sort={{ field: 'createdAt', order: 'DESC' }}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <TextField source="name" />
        <BooleanField source="online" looseValue />
        <BooleanField source="banned" looseValue />
        <DateField source="mutedUntil" showTime emptyText="—" sortable={false} />
        <DateField source="lastSeenAt" showTime emptyText="—" />
        <DateField source="createdAt" showTime />
      </Datagrid>
    </List>
  );
}
