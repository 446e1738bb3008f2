"""One module per rule family."""
