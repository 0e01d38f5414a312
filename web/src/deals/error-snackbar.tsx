import { Alert, Snackbar } from '@mui/material';

/** A refused change, said for a few seconds at the bottom of the screen. */
export function ErrorSnackbar({ message, onClose }: { message: string | null; onClose: () => void }) {
  return (
    <Snackbar open={message !== null} autoHideDuration={6000} onClose={onClose}>
      <Alert severity="error" onClose={onClose}>
        {message}
      </Alert>
    </Snackbar>
  );
}
