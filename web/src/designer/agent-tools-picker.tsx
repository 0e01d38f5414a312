import { Box, Checkbox, FormControlLabel, FormGroup, FormHelperText, FormLabel } from '@mui/material';
import { AGENT_TOOL_NAMES, AGENT_TOOLS, type AgentToolName } from '@cadenza/core';

/** What the picker says of a tool beside its name. */
const noteOf = (name: AgentToolName) =>
  AGENT_TOOLS[name].needsApproval
    ? ' (a person approves each call)'
    : AGENT_TOOLS[name].sideEffects
      ? ' (changes the CRM)'
      : '';

/**
 * The ai_agent's `tools`: one checkbox per known tool, so only real tool names can be chosen
 * (the API refuses any other, naming it). Checked tools are kept in the registry's order.
 */
export function AgentToolsPicker({
  value,
  error,
  onChange,
}: {
  value: readonly string[];
  error?: string;
  onChange: (tools: AgentToolName[]) => void;
}) {
  const chosen = new Set(value);
  const toggle = (name: AgentToolName, on: boolean) =>
    onChange(AGENT_TOOL_NAMES.filter((tool) => (tool === name ? on : chosen.has(tool))));
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <FormLabel component="legend">Tools the agent may call</FormLabel>
      <FormGroup>
        {AGENT_TOOL_NAMES.map((name) => (
          <FormControlLabel
            key={name}
            control={
              <Checkbox
                size="small"
                checked={chosen.has(name)}
                onChange={(event) => toggle(name, event.target.checked)}
              />
            }
            label={`${AGENT_TOOLS[name].label}${noteOf(name)}`}
          />
        ))}
      </FormGroup>
      <FormHelperText error={Boolean(error)}>{error ?? 'Calls are capped by Max steps.'}</FormHelperText>
    </Box>
  );
}
