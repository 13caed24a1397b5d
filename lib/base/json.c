/*
 * json.c - small json-c helpers shared by the modules that read and write
 * the index's JSON data.
 */
#include "json.h"

const char *fg_json_str(json_object *o, const char *k)
{
	json_object *v;
	if (o && json_object_object_get_ex(o, k, &v) && json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return "";
}

int fg_json_int(json_object *o, const char *k)
{
	json_object *v;
	if (o && json_object_object_get_ex(o, k, &v))
		return json_object_get_int(v);
	return 0;
}

void fg_json_put(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v ? v : ""));
}
