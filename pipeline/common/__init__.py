"""Shared by every stage: findings, errors the commands catch, Swedish number
formatting, atomic writes and XML escaping."""
