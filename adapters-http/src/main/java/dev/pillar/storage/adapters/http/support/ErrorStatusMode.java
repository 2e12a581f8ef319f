package dev.pillar.storage.adapters.http.support;

/**
 * How errors below 500 are sent: with their real HTTP status ({@code STANDARD}), or as HTTP 400 with
 * the real status only in the body ({@code SUPABASE}), exactly as Supabase's REST routes do.
 */
public enum ErrorStatusMode { STANDARD, SUPABASE }
