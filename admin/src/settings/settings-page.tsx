import { Typography } from '@mui/material';
import {
  Edit,
  FunctionField,
  NumberField,
  NumberInput,
  SaveButton,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  Toolbar,
  required,
  useCanAccess,
  useTranslate,
} from 'react-admin';

/** The tenant's settings are one record, `settings/tenant`. */
const record = { resource: 'settings', id: 'tenant' };

/** Origins as one per line in a text box, a list in the record. */
const formatOrigins = (value?: string[]) => (value ?? []).join('\n');
const parseOrigins = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const numbers = [
  ['recallWindowSeconds', 'Recall window (seconds)'],
  ['editWindowSeconds', 'Edit window (seconds)'],
  ['retentionDays', 'Retention (days, 0 keeps everything)'],
  ['largeGroupThreshold', 'Large-group threshold (members)'],
  ['maxMessageLength', 'Longest message (characters)'],
  ['messagesPerMinute', 'Messages per user per minute (0: no limit)'],
] as const;

function SettingsEdit() {
  const translate = useTranslate();
  return (
    <Edit {...record} mutationMode="pessimistic" redirect={false} title="confab.settings.title">
      <SimpleForm
        toolbar={
          <Toolbar>
            <SaveButton />
          </Toolbar>
        }
      >
        <TextInput source="appId" disabled />
        <TextInput source="name" label="App name" validate={required()} />
        {numbers.map(([source, label]) => (
          <NumberInput
            key={source}
            source={source}
            label={label}
            min={0}
            step={1}
            validate={required()}
          />
        ))}
        <Typography variant="caption">{translate('confab.settings.retentionNote')}</Typography>
        <TextInput
          source="allowedOrigins"
          label="Allowed widget origins (one per line)"
          format={formatOrigins}
          parse={parseOrigins}
          multiline
          fullWidth
        />
      </SimpleForm>
    </Edit>
  );
}

function SettingsShow() {
  return (
    <Show {...record} title="confab.settings.title" actions={false}>
      <SimpleShowLayout>
        <TextField source="appId" />
        <TextField source="name" label="App name" />
        {numbers.map(([source, label]) => (
          <NumberField key={source} source={source} label={label} />
        ))}
        <FunctionField
          label="Allowed widget origins"
          render={(r) => formatOrigins(r.allowedOrigins)}
        />
      </SimpleShowLayout>
    </Show>
  );
}

/** Managers edit the settings; every other role reads them. */
export function SettingsPage() {
  const { canAccess, isPending } = useCanAccess({ resource: 'settings', action: 'edit' });
  if (isPending) return null;
  return canAccess ? <SettingsEdit /> : <SettingsShow />;
}
