#!/usr/bin/env python3
"""Writes EdgeIam stack files holding N roles in all, for the scale benchmark (bench/scale.sh).

The shape is the one of ../shared/acceptance/scale.sh: OIDC roles, cross-account roles and IAM Roles Anywhere roles in
equal parts, plus one edge fleet (with its instance-profile role) per 31 roles, so N counts every IAM role the
templates hold. With --files K the roles are spread over K stack files (scale-0.yaml .. scale-<K-1>.yaml), each in an
account of its own, so each template stays under CloudFormation's 500-resource limit while synth cannot split a stack;
--files 1 writes one stack file.

Usage: generate.py N OUT_DIR [--files K]
"""
import argparse
import os


def split(total, parts):
    """total spread over parts as evenly as possible, the larger parts first."""
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def stack_file(index, roles, prefix):
    fleets = max(1, roles // 31)
    oidc, cross, anywhere = split(roles - fleets, 3)
    account = f"{111111111111 + index:012d}"
    lines = [f'account: "{account}"', 'region: us-east-1', 'network:', '  vpcCidr: 10.20.0.0/16', '  wavelengthZones:',
             '    - zone: us-east-1-wl1-bos-wlz-1', '      subnetCidr: 10.20.10.0/24', 'edgeFleets:']
    for i in range(fleets):
        lines += [f'  - name: {prefix}fleet{i}', '    zone: us-east-1-wl1-bos-wlz-1', '    instanceType: t3.medium',
                  '    count: 1', '    permissions:', f'      - sid: W{i}', '        actions: [s3:PutObject]',
                  f'        resources: ["arn:aws:s3:::b{i}/*"]']
    if oidc:
        lines += ['oidc:', '  providers:', '    - name: github', '      preset: github', '  roles:']
        for i in range(oidc):
            lines += [f'    - name: {prefix}Gh{i}', '      provider: github',
                      f'      subjects: ["repo:acme/app{i}:ref:refs/heads/main"]', '      permissions:',
                      f'        - sid: P{i}', '          actions: [s3:GetObject]', f'          resources: ["arn:aws:s3:::a{i}/*"]']
    if cross:
        lines += ['crossAccount:']
        for i in range(cross):
            lines += [f'  - name: {prefix}X{i}', '    trustedAccounts: ["222222222222"]', f'    externalId: ext-{i:06d}',
                      '    managedPolicies: [ReadOnlyAccess]']
    if anywhere:
        names = [f'{prefix}Ra{i}' for i in range(anywhere)]
        lines += ['rolesAnywhere:', '  trustAnchors:', '    - name: pca',
                  f'      acmPcaArn: arn:aws:acm-pca:us-east-1:{account}:certificate-authority/9b8e7d6c-5a4b-4c3d-8e2f-0a1b2c3d4e5f',
                  '  profiles:']
        for k in range(0, anywhere, 100):
            lines += [f'    - name: p{k // 100}', '      trustAnchors: [pca]', '      roles: [' + ', '.join(names[k:k + 100]) + ']']
        lines += ['  roles:']
        for i, name in enumerate(names):
            lines += [f'    - name: {name}', f'      allowedSubjects: ["dev{i}-*"]', '      permissions:', f'        - sid: R{i}',
                      '          actions: [kinesis:PutRecord]',
                      f'          resources: ["arn:aws:kinesis:us-east-1:{account}:stream/s{i}"]']
    return '\n'.join(lines) + '\n'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('roles', type=int, help='IAM roles in all (at least 4 per file: a fleet and one of each kind)')
    parser.add_argument('out', help='folder to write the stack files into (created)')
    parser.add_argument('--files', type=int, default=1, help='stack files to spread the roles over (default 1)')
    args = parser.parse_args()
    if args.files < 1 or args.roles < 4 * args.files:
        parser.error('need --files >= 1 and at least 4 roles per file')
    os.makedirs(args.out, exist_ok=True)
    for index, roles in enumerate(split(args.roles, args.files)):
        # A role name is prefixed with its stack's name at deploy; the file index keeps the config names apart too.
        prefix = '' if args.files == 1 else f's{index}'
        name = 'scale' if args.files == 1 else f'scale-{index}'
        with open(os.path.join(args.out, name + '.yaml'), 'w', encoding='utf-8') as out:
            out.write(stack_file(index, roles, prefix))


if __name__ == '__main__':
    main()
