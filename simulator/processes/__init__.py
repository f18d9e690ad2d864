"""The phases of one model step, in the order of DESIGN.md's process overview."""
