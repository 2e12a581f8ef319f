package dev.pillar.storage.application.object;

/**
 * Which kind of route a read comes through, as Supabase tells them apart: an authenticated route reads a
 * public bucket's objects as the server and a private bucket's under the caller's policies; the authenticated
 * image route reads under the caller's policies whatever the bucket; a public route reads public buckets
 * only, and needs no caller at all.
 */
public enum ReadRoute { AUTHENTICATED, AUTHENTICATED_IMAGE, PUBLIC }
