/*
 * json.h - small json-c helpers shared by the modules that read and write
 * the index's JSON data (unit data, records, API answers).
 */
#ifndef FG_JSON_H
#define FG_JSON_H

#include <json-c/json.h>

/* The string member k of o, or "" when o is NULL, k is absent or not a string. Borrowed from o. */
const char *fg_json_str(json_object *o, const char *k);
/* The integer member k of o, or 0. */
int fg_json_int(json_object *o, const char *k);
/* Add k: v (NULL becomes "") to o. */
void fg_json_put(json_object *o, const char *k, const char *v);

#endif
