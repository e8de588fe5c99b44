"""What every app shares and no app owns (see DESIGN.md)."""
