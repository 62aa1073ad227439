import {
  Create,
  Datagrid,
  DateField,
  Edit,
  List,
  PasswordInput,
  SelectField,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  email,
  minLength,
  required,
} from 'react-admin';

const roles = ['owner', 'admin', 'moderator', 'viewer'].map((id) => ({ id, name: id }));
const statuses = ['active', 'disabled'].map((id) => ({ id, name: id }));
const password = [minLength(12)];

export function AdminList() {
  return (
    <List sort={{ field: 'email', order: 'ASC' }} exporter={false}>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="email" />
        <TextField source="name" />
        <SelectField source="role" choices={roles} />
        <TextField source="status" />
        <DateField source="lastLoginAt" showTime emptyText="never" />
      </Datagrid>
    </List>
  );
}

export function AdminCreate() {
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ role: 'viewer' }}>
        <TextInput source="email" type="email" validate={[required(), email()]} />
        <TextInput source="name" />
        <SelectInput source="role" choices={roles} validate={required()} />
        <PasswordInput source="password" validate={[required(), ...password]} />
      </SimpleForm>
    </Create>
  );
}

export function AdminEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="list">
      <SimpleForm>
        <TextInput source="email" disabled />
        <TextInput source="name" />
        <SelectInput source="role" choices={roles} validate={required()} />
        <SelectInput source="status" choices={statuses} validate={required()} />
        <PasswordInput source="password" validate={password} helperText="Leave empty to keep it" />
      </SimpleForm>
    </Edit>
  );
}
