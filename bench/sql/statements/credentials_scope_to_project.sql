SELECT set_config('app.project_id', $1, true)
