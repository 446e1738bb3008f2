"""Pay periods, payable items and payslips arrive with the period-close work."""
