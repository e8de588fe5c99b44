"""The fieldwork app's operations, one module per concern (check-in, field work, leave, the school's settings)."""
