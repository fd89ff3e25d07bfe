"""The Local Development Fund (ОНХС) cycle, methodology `mn.onhs`: its program model, rules, ranking and
allocation, and the documents' context.
"""
