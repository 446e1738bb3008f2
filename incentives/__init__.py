"""The rule engine: pure Python over Decimal. No Django import anywhere in here."""
