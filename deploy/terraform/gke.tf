resource "google_service_account" "nodes" {
  account_id   = "${var.name}-gke-nodes"
  display_name = "Cadenza GKE nodes"
}

# Autopilot: Google runs the nodes (shielded, auto-upgraded); the chart's requests size them.
resource "google_container_cluster" "main" {
  # Autopilot fixes these settings itself and refuses them in the resource:
  # checkov:skip=CKV_GCP_12:Autopilot always runs GKE Dataplane V2, which enforces NetworkPolicy (the chart ships one per component); network_policy cannot be set on Autopilot
  # checkov:skip=CKV_GCP_69:Autopilot always runs the GKE metadata server for Workload Identity (workload_identity_config below); node_config cannot be set on Autopilot
  # checkov:skip=CKV_GCP_61:Autopilot manages intranode visibility; pod-to-pod flows are logged by the subnet's VPC Flow Logs (network.tf)
  name                = "${var.name}-gke"
  location            = var.region
  enable_autopilot    = true
  network             = google_compute_network.main.id
  subnetwork          = google_compute_subnetwork.nodes.id
  deletion_protection = true

  resource_labels = {
    app         = "cadenza"
    environment = var.environment
    managed-by  = "terraform"
  }

  # Only short-lived OAuth tokens reach the API server; no static client certificate is issued.
  master_auth {
    client_certificate_config {
      issue_client_certificate = false
    }
  }

  # Pods run only images the project's Binary Authorization policy admits (signed by the release pipeline).
  binary_authorization {
    evaluation_mode = "PROJECT_SINGLETON_POLICY_ENFORCE"
  }

  # Kubernetes RBAC bindings may name members of this Google group's nested groups.
  authenticator_groups_config {
    security_group = var.rbac_security_group
  }

  ip_allocation_policy {
    cluster_secondary_range_name  = "pods"
    services_secondary_range_name = "services"
  }

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = local.control_plane_cidr
  }

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = var.master_authorized_cidr
      display_name = "operators"
    }
  }

  release_channel {
    channel = "REGULAR"
  }

  cluster_autoscaling {
    auto_provisioning_defaults {
      service_account = google_service_account.nodes.email
    }
  }

  # Workload Identity lets pods read Secret Manager without key files.
  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }
}
