-- Satisfaction per client x channel x service x ISO week (computed from the answers, not from days).
{{ satisfaction_rollup('week', 'week_start') }}
