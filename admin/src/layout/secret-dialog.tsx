import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useTranslate } from 'react-admin';

export interface IssuedSecret {
  id: string;
  secret: string;
}

/** Shows a new secret (an API key's, a webhook's), the one time the api hands it out. */
export function SecretDialog({
  title,
  idLabel = 'confab.keys.keyId',
  issued,
  onClose,
}: {
  title: string;
  idLabel?: string;
  issued: IssuedSecret | null;
  onClose: () => void;
}) {
  const translate = useTranslate();
  return (
    <Dialog open={issued !== null} onClose={onClose}>
      <DialogTitle>{translate(title, { smart_count: 1 })}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {translate('confab.keys.secretOnce')}
        </Alert>
        <Typography variant="body2">{translate(idLabel)}</Typography>
        <Typography sx={{ fontFamily: 'monospace', mb: 1 }}>{issued?.id}</Typography>
        <Typography variant="body2">{translate('confab.keys.secret')}</Typography>
        <Typography sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="secret">
          {issued?.secret}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('confab.keys.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
