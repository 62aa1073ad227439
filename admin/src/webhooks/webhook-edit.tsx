import { BooleanInput, CheckboxGroupInput, Edit, SimpleForm, TextInput } from 'react-admin';

import { WEBHOOK_EVENT_CHOICES } from './events';

export function WebhookEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <SimpleForm>
        <TextInput source="url" fullWidth />
        <CheckboxGroupInput source="events" choices={WEBHOOK_EVENT_CHOICES} />
        <TextInput source="description" fullWidth />
        <BooleanInput source="active" />
      </SimpleForm>
    </Edit>
  );
}
