"""Workbooks the tool writes: blank templates, rollover, reviewed copies, the council summary."""
