import { Edit, SimpleForm, TextInput, required } from 'react-admin';

/** Name and avatar; moderation lives on the user's page, each action audited on its own. */
export function UserEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <TextInput source="id" disabled />
        <TextInput source="name" validate={required()} />
        <TextInput source="avatarUrl" fullWidth />
      </SimpleForm>
    </Edit>
  );
}
