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

output "kms_payload_key_name" {
  value       = google_kms_crypto_key.payload_kek.id
  description = "Cloud KMS key that wraps payload data keys: the chart's kms.keyName (CADENZA_KMS_KEY_NAME)"
}

output "workload_service_account" {
  value       = google_service_account.workloads.email
  description = "Google service account of the api and worker pods: the chart's kms.gcpServiceAccount (Workload Identity)"
}
