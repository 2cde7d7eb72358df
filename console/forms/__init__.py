"""Forms of the officer console: input shapes only; the rules live in the services."""
