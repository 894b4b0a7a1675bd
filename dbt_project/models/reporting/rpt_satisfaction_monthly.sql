-- Satisfaction per client x channel x service x month.
{{ satisfaction_rollup('month', 'month_start') }}
