"""validate: the rules that find where a report contradicts itself (see registry.RULES)."""
