import { Button, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import {
  useCanAccess,
  useCreate,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { RaRecord } from 'react-admin';

interface Props {
  /** The resource a record is created in, beside the record on screen. */
  resource: string;
  /** Not `label`: show layouts would print that above the box as a field label. */
  buttonLabel: string;
  inputLabel: string;
  /** The new record's data, from the text typed and the record on screen. */
  data: (value: string, record: RaRecord) => object;
  when?: (record: RaRecord) => boolean;
  multiline?: boolean;
}

/** One text box and a button that create a record related to the one on screen. */
export function InlineCreate({ resource, buttonLabel, inputLabel, data, when, multiline }: Props) {
  const record = useRecordContext();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [create, { isPending }] = useCreate();
  const [value, setValue] = useState('');
  const { canAccess } = useCanAccess({ resource, action: 'create' });
  if (!record || !canAccess || (when && !when(record))) return null;

  const submit = () =>
    create(
      resource,
      { data: data(value, record) },
      {
        onSuccess: () => {
          setValue('');
          notify('ra.notification.created', { type: 'success', messageArgs: { smart_count: 1 } });
          refresh();
        },
        onError: (error) => notify((error as Error).message, { type: 'error' }),
      },
    );

  return (
    <Stack direction="row" spacing={1} sx={{ mb: 1 }}>
      <TextField
        size="small"
        label={translate(inputLabel)}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        sx={{ flex: 1 }}
        multiline={multiline}
      />
      <Button onClick={submit} disabled={isPending || value.trim() === ''}>
        {translate(buttonLabel)}
      </Button>
    </Stack>
  );
}
