import { createTheme } from '@mui/material';

export const theme = createTheme({
  palette: { primary: { main: '#4b3fd1' }, secondary: { main: '#0f9d8a' } },
  shape: { borderRadius: 10 },
  components: {
    // Every MUI input would otherwise mount its own copy of the autofill keyframes (an emotion
    // Global, compiled and inserted once per field: tens of milliseconds of a phone's main thread
    // for the contacts filter bar). index.html declares them once, with the animation they drive.
    MuiInputBase: { defaultProps: { disableInjectingGlobalStyles: true } },
  },
});
