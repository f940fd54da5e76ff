"""Tables -> domain views: performance indicators, budget lines (with their hierarchy), rating scale."""
