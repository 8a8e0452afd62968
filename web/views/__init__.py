"""Page views, one module per audience. Each view checks the role, validates a form, calls one
domain service or selector, and renders; the rules live in the domain apps."""
