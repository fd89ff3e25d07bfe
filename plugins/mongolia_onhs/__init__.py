"""Mongolia: the Local Development Fund (ОНХС) procedure."""
