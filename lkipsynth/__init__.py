"""Synthetic LKIPs: a ground truth of what is printed where (truth.py) typeset into PDFs (typeset.py)."""
