import { Button } from '@mui/material';
import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  TextField,
  useNotify,
  useTranslate,
} from 'react-admin';
import type { RaRecord } from 'react-admin';

/**
 * Downloads a finished export. The api wants the console's header, which a plain link cannot
 * send, so the archive is fetched and handed to the browser as a file.
 */
function DownloadButton({ request }: { request: RaRecord }) {
  const translate = useTranslate();
  const notify = useNotify();
  const download = async () => {
    try {
      const response = await fetch(`/admin/api/data-requests/${request.id}/archive`, {
        credentials: 'same-origin',
        headers: { 'X-Confab-Admin': '1' },
      });
      if (!response.ok) throw new Error(response.statusText);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `${String(request.id)}.jsonl`;
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Button size="small" onClick={() => void download()}>
      {translate('confab.data.download')}
    </Button>
  );
}

/** `messages 12 · reactions 3`: what a request has done so far. */
function progressText(progress: Record<string, number> | undefined): string {
  const parts = Object.entries(progress ?? {}).map(([what, count]) => `${what} ${count}`);
  return parts.length > 0 ? parts.join(' · ') : '—';
}

/** How often the list reloads while open: the jobs move on without the page asking. */
const REFRESH_MS = 2_000;

/** Exports and erasures of users' data, newest first, with their progress as it comes. */
export function DataRequestList() {
  return (
    <List
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
      queryOptions={{ refetchInterval: REFRESH_MS }}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateField source="createdAt" showTime />
        <TextField source="userId" />
        <TextField source="kind" />
        <TextField source="status" />
        <FunctionField label="confab.data.progress" render={(r) => progressText(r.progress)} />
        <TextField source="error" emptyText="—" />
        <FunctionField
          label=""
          render={(r) =>
            r.kind === 'export' && r.status === 'done' ? <DownloadButton request={r} /> : null
          }
        />
      </Datagrid>
    </List>
  );
}
