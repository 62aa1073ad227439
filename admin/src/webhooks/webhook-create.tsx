import { useState } from 'react';
import {
  CheckboxGroupInput,
  Create,
  SimpleForm,
  TextInput,
  required,
  useNotify,
  useRedirect,
} from 'react-admin';

import { SecretDialog } from '../layout/secret-dialog';
import type { IssuedSecret } from '../layout/secret-dialog';
import { WEBHOOK_EVENT_CHOICES } from './events';

const httpUrl = (value: string) =>
  /^https?:\/\//.test(value ?? '') ? undefined : 'An http(s) URL, like https://example.com/hooks';

/** A new endpoint; its signing secret shows once, when it is made. */
export function WebhookCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  const [issued, setIssued] = useState<IssuedSecret | null>(null);
  return (
    <>
      <Create
        mutationOptions={{
          onSuccess: (made) => setIssued(made as unknown as IssuedSecret),
          onError: (error) => notify((error as Error).message, { type: 'error' }),
        }}
      >
        <SimpleForm defaultValues={{ events: ['*'] }}>
          <TextInput source="url" validate={[required(), httpUrl]} fullWidth />
          <CheckboxGroupInput source="events" choices={WEBHOOK_EVENT_CHOICES} />
          <TextInput source="description" fullWidth />
        </SimpleForm>
      </Create>
      <SecretDialog
        title="resources.webhooks.name"
        idLabel="confab.webhooks.id"
        issued={issued}
        onClose={() => {
          const id = issued?.id;
          setIssued(null);
          redirect('show', 'webhooks', id);
        }}
      />
    </>
  );
}
