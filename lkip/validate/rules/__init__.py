"""One small module per rule family; registry.RULES lists them."""
