import { Create, SimpleForm, TextInput, required } from 'react-admin';

export function UserCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <TextInput source="id" validate={required()} helperText="The app's own id for this user" />
        <TextInput source="name" />
      </SimpleForm>
    </Create>
  );
}
