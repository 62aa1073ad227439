import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';

export interface ActionField {
  name: string;
  label: string;
  type?: 'text' | 'number';
  initial?: string;
}

interface Props {
  label: string;
  /** Inputs asked for in a dialog before the action runs; none runs it at once. */
  fields?: ActionField[];
  run: (values: Record<string, string>) => Promise<unknown>;
  color?: 'primary' | 'error' | 'warning';
  testId?: string;
}

/** A button for one record action, with an optional dialog for what the action needs. */
export function ActionButton({ label, fields = [], run, color = 'primary', testId }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const initial = () => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? '']));
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [busy, setBusy] = useState(false);

  const go = async () => {
    setBusy(true);
    try {
      await run(values);
      notify('confab.users.done', { type: 'success', messageArgs: { action: translate(label) } });
      setOpen(false);
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const click = () => {
    if (fields.length === 0) void go();
    else {
      setValues(initial());
      setOpen(true);
    }
  };

  return (
    <>
      <Button size="small" color={color} onClick={click} disabled={busy} data-testid={testId}>
        {translate(label)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)}>
        <DialogTitle>{translate(label)}</DialogTitle>
        <DialogContent>
          {fields.map((f) => (
            <TextField
              key={f.name}
              name={f.name}
              label={translate(f.label)}
              type={f.type ?? 'text'}
              value={values[f.name] ?? ''}
              onChange={(event) => setValues({ ...values, [f.name]: event.target.value })}
              margin="dense"
              fullWidth
              autoFocus
            />
          ))}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
          <Button onClick={() => void go()} disabled={busy} color={color} data-testid="confirm">
            {translate('ra.action.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
