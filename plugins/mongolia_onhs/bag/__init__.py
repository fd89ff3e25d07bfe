"""The bag development program, methodology `mn.bag-program`: its registration, program model, data,
rules and document context.
"""
