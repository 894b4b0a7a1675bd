"""Data-subject rights (requirements §5): intake, lookup, access and portability bundles,
rectification, erasure with tombstones and verification, restriction and objection, request log.

A subject is found through the keyed pseudonyms of the normalised e-mail address and phone
number (:mod:`klantmonitor.pseudonym`); no clear identifier is kept to honour a request.
"""
