import { createTheme } from '@mui/material';

export const theme = createTheme({
  palette: { primary: { main: '#4b3fd1' }, secondary: { main: '#0f9d8a' } },
  shape: { borderRadius: 10 },
});
