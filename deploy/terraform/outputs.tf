output "cluster_name" {
  value       = google_container_cluster.main.name
  description = "GKE cluster to install the Helm chart into"
}

output "database_replica_ip" {
  value       = google_sql_database_instance.replica.private_ip_address
  description = "Private IP of the read replica (analytics, list queries)"
}

output "secret_ids" {
  value       = [google_secret_manager_secret.database_url.secret_id, google_secret_manager_secret.redis_url.secret_id]
  description = "Secret Manager secrets the chart's existingSecret is synced from"
}
