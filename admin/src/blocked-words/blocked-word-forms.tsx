import { Create, Edit, SelectInput, SimpleForm, TextInput, required } from 'react-admin';

import { modes } from './modes';

const help = 'Matched as a whole word, in any letter case, in users\u2019 sends and edits.';

export function BlockedWordCreate() {
  return (
    <Create redirect="list">
      <SimpleForm defaultValues={{ mode: 'refuse' }}>
        <TextInput source="word" validate={required()} helperText={help} />
        <SelectInput source="mode" choices={modes} validate={required()} />
      </SimpleForm>
    </Create>
  );
}

export function BlockedWordEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="list">
      <SimpleForm>
        <TextInput source="word" disabled />
        <SelectInput source="mode" choices={modes} validate={required()} />
      </SimpleForm>
    </Edit>
  );
}
